import { z } from 'zod';
import { op, operations } from './operation';

export const settingsOperations = operations('settings', {
  'settings.setWorkspace': op<{ workspaceDir: string }>()({
    input: z.object({ folder: z.string().trim().min(1, 'Give the folder’s full path.').max(4096) }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes the folder where case files are kept and looked for.',
  }),
});

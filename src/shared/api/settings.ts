import { z } from 'zod';
import { noInput } from './fields';
import { op, operations } from './operation';

export const settingsOperations = operations('settings', {
  'settings.setWorkspace': op<{ workspaceDir: string }>()({
    input: z.object({ folder: z.string().trim().min(1, 'Give the folder’s full path.').max(4096) }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes the folder where case files are kept and looked for.',
  }),
  'settings.verificationAddress': op<{ verificationAddress: string; isDefault: boolean }>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'The address certificates’ QR codes link to, where the scheme checks them online.',
  }),
  'settings.setVerificationAddress': op<{ verificationAddress: string; isDefault: boolean }>()({
    input: z
      .object({
        address: z
          .string()
          .trim()
          .max(300, 'Keep the address under 300 characters: it goes into every certificate’s QR code.')
          .pipe(
            z.url({
              protocol: /^https$/,
              error: 'Give the full address of the scheme’s checking page, starting https://',
            }),
          )
          .refine((address) => !address.includes('#'), {
            error: 'Leave out the # and anything after it: the certificate’s code goes there.',
          }),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes the address certificates’ QR codes link to (the scheme’s checking page).',
  }),
});

import { useMutation } from '@tanstack/react-query';
import type { Result } from '../../../shared/api';
import { ApiCallError, useConnectedClient } from './client-context';
import { asApiCallError } from './operations';

type FileTransfers = ReturnType<typeof useConnectedClient>['files'];

/**
 * Saves a copy of a file kept in a case or scheme file (an evidence attachment, a receipt, a
 * certificate of attendance) through the app's download transfer: where the person chooses
 * (desktop), or as a download (browser mode).
 */
export function useSaveCopy<T>(save: (files: FileTransfers, item: T) => Promise<Result<boolean>>) {
  const { files } = useConnectedClient();
  return useMutation<void, ApiCallError, T>({
    mutationFn: async (item) => {
      const result = await save(files, item).catch((error) => {
        throw asApiCallError(error);
      });
      if (!result.ok) throw new ApiCallError(result.error);
    },
  });
}

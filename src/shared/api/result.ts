import type { ApiError } from '../errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

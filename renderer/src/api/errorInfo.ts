import { RelaisError, type ErrorInfo } from '../../../shared/errors';

/** Whatever a call threw, as the error data the catalogue can turn into a sentence. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof RelaisError) return error.toInfo();
  return { code: 'internal', params: { message: error instanceof Error ? error.message : String(error) } };
}

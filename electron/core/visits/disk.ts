import { RelaisError } from '../../../shared/errors';

/** A blob write that fails for want of space is 'disk_full', like a case file that cannot grow. */
export function storeOrDiskFull<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new RelaisError('disk_full');
    throw error;
  }
}

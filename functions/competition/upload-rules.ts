// What a category lets an entrant upload, in the upload module's terms. Pure.
import type { UploadRules } from '../uploads/parts.ts';
import { fileKinds, kindInfo, type FileKind } from '../uploads/sniff.ts';

/**
 * The upload rules of a category: the kinds whose media type the category lists (types the
 * upload module cannot recognise are left out), its size limit, the default part size. Null when
 * nothing the category lists can be uploaded.
 */
export function categoryUploadRules(category: {
  fileTypes: readonly string[];
  maxFileBytes: number;
}): UploadRules | null {
  const accept: FileKind[] = fileKinds.filter((k) => category.fileTypes.includes(kindInfo[k].mime));
  return accept.length > 0 && category.maxFileBytes > 0 ? { accept, maxBytes: category.maxFileBytes } : null;
}

/**
 * The upload module's view of file kinds: the detector and allow-list live in `core/file-kind.ts`,
 * shared with the materials build check so both halves tell files apart the same way.
 */
export { fileKinds, type FileKind, kindInfo, SNIFF_BYTES, sniffKind } from '../../core/file-kind.ts';

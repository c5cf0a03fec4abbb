import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';

/** States of an upload, declared once. Only `complete` uploads may be used by anything else. */
export const uploadStates = ['pending', 'complete', 'aborted', 'rejected'] as const;
export type UploadState = (typeof uploadStates)[number];

/**
 * One file sent by a signed-in person into R2, usually as an R2 multipart upload sent part by
 * part (so a broken connection resumes at the first missing part).
 */
export const uploads = sqliteTable(
  'uploads',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the file is for, e.g. `entry:<id>` or `test`; the caller's rules are looked up by it. */
    purpose: text('purpose').notNull(),
    /** Made by the server (`uploads/<id>`); never derived from the client's file name. */
    key: text('key').notNull(),
    /** R2's multipart upload id while the upload is pending. */
    multipartUploadId: text('multipart_upload_id'),
    /** Size the client announced; every part's length follows from it and `partSize`. */
    declaredSize: integer('declared_size').notNull(),
    partSize: integer('part_size').notNull(),
    /** Sum of the parts received so far (a retried part counts once). */
    receivedBytes: integer('received_bytes').notNull().default(0),
    /** Number of distinct parts received so far. */
    partsReceived: integer('parts_received').notNull().default(0),
    /** The client's file name, cleaned (see `cleanFileName`); shown to the owner, used for downloads. */
    name: text('name').notNull(),
    /** Media type read from the first part's magic bytes; null until part 1 arrived. */
    detectedType: text('detected_type'),
    state: text('state', { enum: uploadStates }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('uploads_key_unique').on(t.key),
    index('uploads_owner_purpose').on(t.ownerId, t.purpose),
    index('uploads_state_updated').on(t.state, t.updatedAt),
  ],
);

/** One received part of a multipart upload: R2 needs every part's etag to complete it. */
export const uploadParts = sqliteTable(
  'upload_parts',
  {
    uploadId: text('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    partNumber: integer('part_number').notNull(),
    etag: text('etag').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.partNumber] })],
);

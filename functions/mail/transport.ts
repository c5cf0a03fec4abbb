/** A mail ready to leave the outbox. */
export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  date: Date;
}

/** Where mails go: a local mailbox in development, an HTTP mail API in production. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/** A summary of one mail in the local mailbox. */
export interface MailboxEntry {
  key: string;
  to: string;
  subject: string;
  date: string;
}

/** The local mailbox behind `/dev/mail`. */
export interface DevMailbox {
  list(): Promise<MailboxEntry[]>;
  /** The raw .eml text, or null when there is no such mail. */
  read(key: string): Promise<string | null>;
}

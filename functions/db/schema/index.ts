export * from './newsletter.ts';
export * from './mail.ts';
export * from './accounts.ts';
export * from './events.ts';

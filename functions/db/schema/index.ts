export * from './newsletter.ts';
export * from './mail.ts';

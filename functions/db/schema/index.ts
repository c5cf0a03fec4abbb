export * from './newsletter.ts';
export * from './mail.ts';
export * from './accounts.ts';
export * from './materials.ts';
export * from './uploads.ts';
export * from './competition.ts';
export * from './lunches.ts';
export * from './jury.ts';

/** Where the subscription flow lands, by URL segment → catalogue key under `subscribe.`. */
export const statuses = {
  'check-inbox': 'checkInbox',
  confirmed: 'confirmed',
  unsubscribed: 'unsubscribed',
  'link-invalid': 'linkInvalid',
} as const;

// The reason phrase of an HTTP status line. Astro answers a page with `statusText: 'OK'` whatever
// status the page set (`429 OK`), so the Worker puts the standard phrase on every answer it makes
// (src/worker.ts), pages and API alike.

/** The reason phrases (RFC 9110 §15, RFC 6585 for 428/429/431) of the statuses the portal answers with. */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The standard reason phrase for `status` (`429` → `Too Many Requests`); an empty string for a
 * status without one here (the runtime then writes its own), never another status's phrase.
 * @param status an HTTP status code (100–599)
 */
export const reasonPhrase = (status: number): string => REASON_PHRASES[status] ?? '';

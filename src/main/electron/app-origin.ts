/** The app's own origin: the renderer is served from app://copanel/, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'copanel';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

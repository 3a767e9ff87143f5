import type { CopanelClient, InputOf, OperationName, OutputOf, Result } from '../../../shared/api';

const TOKEN_KEY = 'copanel.launchToken';

/**
 * Browser mode: the launch token arrives in the address's fragment (#token=…). Keep it in
 * sessionStorage for this tab and take it out of the address bar.
 */
export function takeLaunchToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(TOKEN_KEY);
}

/** The launch token kept for this tab (browser mode). */
export function launchToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Talks to the browser-mode host on 127.0.0.1 with `POST /api/<operation>`. */
export class HttpClient implements CopanelClient {
  readonly transport = 'browser' as const;
  constructor(private readonly token: string | null) {}

  async call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token ?? ''}` },
        body: JSON.stringify(input),
        credentials: 'omit',
      });
    } catch {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'The app is not answering. Check that it is still running, then try again.',
        },
      };
    }
    if (response.status === 401) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'This page is not connected to the app. Open the address the app printed when it started.',
        },
      };
    }
    if (!response.ok) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: (await response.text()) || 'The app could not do that.' },
      };
    }
    return (await response.json()) as Result<OutputOf<N>>;
  }
}

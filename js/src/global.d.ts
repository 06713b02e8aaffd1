// `<script src=".../logto.global.js">` defines window.LogtoClient: the class, with every named
// export as a static property (LogtoClient.LogtoClientError, LogtoClient.Prompt, ...).
import type DefaultLogtoClient from './index.js';
import type * as Named from './index.js';

type LogtoClientGlobal = typeof DefaultLogtoClient & Omit<typeof Named, 'default'>;

declare global {
  interface Window {
    LogtoClient: LogtoClientGlobal;
  }
  // eslint-disable-next-line no-var
  var LogtoClient: LogtoClientGlobal;
}

export {};

// A small React app on @logto/react 4, as Logto's React guide writes it, built by Vite with
// `@logto/browser` aliased to logto-wasm (tests/browser/frameworks.test.mjs). No JSX, so the
// build needs no React plugin.
import { createElement as h, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LogtoProvider, useHandleSignInCallback, useLogto, UserScope } from '@logto/react';

const config = { ...window.TEST, scopes: [UserScope.Phone] };

function Home() {
  const { isAuthenticated, isLoading, signIn, signOut, getIdTokenClaims, error } = useLogto();
  const [name, setName] = useState('');
  useEffect(() => {
    if (isAuthenticated) void getIdTokenClaims().then((claims) => setName(claims?.name ?? ''));
  }, [isAuthenticated, getIdTokenClaims]);
  if (error) return h('p', { id: 'status' }, `error: ${error.name} ${error.message}`);
  if (isLoading) return h('p', { id: 'status' }, 'loading');
  return h(
    'main',
    null,
    h('p', { id: 'status' }, isAuthenticated ? `signed in as ${name}` : 'signed out'),
    isAuthenticated
      ? h('button', { id: 'sign-out', onClick: () => signOut(`${location.origin}/`) }, 'Sign out')
      : h('button', { id: 'sign-in', onClick: () => signIn(`${location.origin}/callback`) }, 'Sign in'),
  );
}

function Callback() {
  const { error } = useHandleSignInCallback(() => location.assign('/'));
  return h('p', { id: 'status' }, error ? `error: ${error.name} ${error.message}` : 'Redirecting...');
}

const Page = location.pathname === '/callback' ? Callback : Home;
createRoot(document.getElementById('root')).render(
  h(StrictMode, null, h(LogtoProvider, { config }, h(Page))),
);

// A small Vue app on @logto/vue 3, as Logto's Vue guide writes it, built by Vite with
// `@logto/browser` aliased to logto-wasm (tests/browser/frameworks.test.mjs). Render functions,
// so the build needs no Vue plugin.
import { createApp, h, ref, watch } from 'vue';
import { createLogto, useHandleSignInCallback, useLogto, UserScope } from '@logto/vue';

const config = { ...window.TEST, scopes: [UserScope.Phone] };

const Home = {
  setup() {
    const { isAuthenticated, isLoading, signIn, signOut, getIdTokenClaims, error } = useLogto();
    const name = ref('');
    // `watch`, not watchEffect: the SDK call changes @logto/vue's loading state, which a
    // watchEffect would track and re-run on, forever.
    watch(
      isAuthenticated,
      async (signedIn) => {
        if (signedIn) name.value = (await getIdTokenClaims())?.name ?? '';
      },
      { immediate: true },
    );
    return () => {
      if (error?.value) return h('p', { id: 'status' }, `error: ${error.value.name} ${error.value.message}`);
      if (isLoading.value) return h('p', { id: 'status' }, 'loading');
      return h('main', [
        h('p', { id: 'status' }, isAuthenticated.value ? `signed in as ${name.value}` : 'signed out'),
        isAuthenticated.value
          ? h('button', { id: 'sign-out', onClick: () => signOut(`${location.origin}/`) }, 'Sign out')
          : h('button', { id: 'sign-in', onClick: () => signIn(`${location.origin}/callback`) }, 'Sign in'),
      ]);
    };
  },
};

const Callback = {
  setup() {
    const { error } = useHandleSignInCallback(() => location.assign('/'));
    return () => h('p', { id: 'status' }, error?.value ? `error: ${error.value.name} ${error.value.message}` : 'Redirecting...');
  },
};

createApp(location.pathname === '/callback' ? Callback : Home)
  .use(createLogto, config)
  .mount('#root');

import { useState } from 'preact/hooks';
import { PageTitle } from '../components/page-title';
import { StaffApiError } from '../staff-api';
import { staffNavigate } from '../staff-router';
import { staffSignIn } from '../staff-session';

export function LoginPage() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await staffSignIn(login.trim(), password);
      setPassword('');
      staffNavigate('/staff/');
    } catch (caught) {
      setError(
        caught instanceof StaffApiError && caught.status === 429
          ? 'Забагато спроб. Спробуйте пізніше.'
          : 'Неправильний логін або пароль.',
      );
    }
  };
  return (
    <>
      <PageTitle>Вхід для фахівців</PageTitle>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={submit} class="stack">
        <label for="login">Логін</label>
        <input
          id="login"
          autocomplete="username"
          value={login}
          onInput={(e) => setLogin(e.currentTarget.value)}
        />
        <label for="password">Пароль</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit">Увійти</button>
      </form>
    </>
  );
}

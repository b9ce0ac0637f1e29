import { LoginPage } from './pages/login-page';
import { QueuePage } from './pages/queue-page';
import { RecordPage } from './pages/record-page';
import { matchStaffRoute, staffPath } from './staff-router';
import { staffSignOut, staffUser } from './staff-session';

export function StaffApp() {
  const user = staffUser.value;
  const route = matchStaffRoute(staffPath.value);
  let page = <p role="status">Завантажуємо…</p>;
  if (user === null || route.name === 'login') page = <LoginPage />;
  else if (user && route.name === 'queue') page = <QueuePage />;
  else if (user && route.name === 'record')
    page = <RecordPage key={route.recordId} recordId={route.recordId} />;
  else if (user) page = <h1>Сторінку не знайдено</h1>;
  return (
    <>
      <a class="skip-link" href="#main">
        Перейти до основного змісту
      </a>
      <header class="header">
        <a href="/staff/" class="brand">
          Ластівка · робоче місце фахівця
        </a>
        {user && (
          <button type="button" class="link" onClick={() => void staffSignOut()}>
            Вийти
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

// The comparison for the load benchmark: the same first screen (home with the three services, and the
// first step of the damage report) as a minimal React 19 app with the app's own stylesheet, built by
// the benchmark with Vite and served like ours, precompressed. It has no storage layer, no validation
// library and no message catalogue: what it costs is React itself, so the comparison favours it.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../src/client/styles.css';

const SERVICES = [
  ['damage-report', 'Повідомлення про пошкоджене майно', 'Якщо ваше житло пошкоджене або зруйноване'],
  ['idp-registration', 'Довідка внутрішньо переміщеної особи', 'Якщо вам довелося переїхати'],
  ['benefit-application', 'Допомога на проживання', 'Щомісячна виплата для переміщених осіб'],
];

function Home() {
  return (
    <>
      <h1>Послуги</h1>
      <p className="lead">
        Подайте заяву навіть без зв’язку: вона збережеться на телефоні й надішлеться сама.
      </p>
      <ul className="services">
        {SERVICES.map(([path, title, hint]) => (
          <li key={path} className="service">
            <h2>{title}</h2>
            <p>{hint}</p>
            <a className="button" href={`/${path}/new`}>
              Почати
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function TextField({ name, label, hint, value, onChange, error, optional, inputMode }) {
  return (
    <div className={error ? 'field field--error' : 'field'} id={`field-${name}`}>
      <label htmlFor={name}>
        {label}
        {optional ? ' (необов’язково)' : ''}
      </label>
      {hint && <p className="field__hint">{hint}</p>}
      {error && <p className="field__error">{error}</p>}
      <input
        id={name}
        name={name}
        type="text"
        inputMode={inputMode}
        value={value ?? ''}
        onChange={(event) => onChange(name, event.target.value)}
      />
    </div>
  );
}

const ROLES = [
  ['owner', 'Власник'],
  ['coOwner', 'Співвласник'],
  ['representative', 'Представник власника'],
];

function DamageReportFirstStep() {
  const [data, setData] = useState({});
  const [errors, setErrors] = useState({});
  const [step, setStep] = useState(1);
  const change = (name, value) => setData((current) => ({ ...current, [name]: value }));
  const next = (event) => {
    event.preventDefault();
    const found = {};
    for (const name of ['surname', 'givenName', 'rnokpp', 'applicantRole'])
      if (!data[name]) found[name] = 'Заповніть це поле';
    setErrors(found);
    if (Object.keys(found).length === 0) setStep(2);
  };
  return (
    <div className="form-page">
      <h1 className="step-heading" tabIndex={-1}>
        <span className="step-heading__caption">Повідомлення про пошкоджене майно</span>{' '}
        <span className="step-heading__progress">Крок {step} з 8: Про заявника</span>
      </h1>
      <form onSubmit={next} noValidate>
        <TextField
          name="surname"
          label="Прізвище"
          value={data.surname}
          onChange={change}
          error={errors.surname}
        />
        <TextField
          name="givenName"
          label="Ім’я"
          value={data.givenName}
          onChange={change}
          error={errors.givenName}
        />
        <TextField name="patronymic" label="По батькові" optional value={data.patronymic} onChange={change} />
        <TextField
          name="rnokpp"
          label="РНОКПП (ідентифікаційний код)"
          hint="10 цифр, як у довідці про присвоєння"
          inputMode="numeric"
          value={data.rnokpp}
          onChange={change}
          error={errors.rnokpp}
        />
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={data.noRnokpp === true}
              onChange={(event) => change('noRnokpp', event.target.checked)}
            />{' '}
            У мене немає РНОКПП
          </label>
        </div>
        <fieldset className={errors.applicantRole ? 'field field--error' : 'field'}>
          <legend>Ким ви є щодо цього майна?</legend>
          {errors.applicantRole && <p className="field__error">{errors.applicantRole}</p>}
          {ROLES.map(([value, label]) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="applicantRole"
                value={value}
                checked={data.applicantRole === value}
                onChange={() => change('applicantRole', value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <p className="save-state" role="status" />
        <div className="actions">
          <button type="submit" className="button">
            Далі
          </button>
        </div>
      </form>
    </div>
  );
}

function App() {
  const path = location.pathname;
  return (
    <>
      <header className="app-header">
        <a href="/" className="app-header__name">
          Ластівка
        </a>
        <nav>
          <a href="/applications">Мої заяви</a>
        </nav>
      </header>
      <main id="main">{path === '/damage-report/new' ? <DamageReportFirstStep /> : <Home />}</main>
    </>
  );
}

createRoot(document.getElementById('app')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');

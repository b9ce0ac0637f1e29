import { useState } from 'preact/hooks';
import { t } from '../../i18n/translate';
import {
  activeProfileId,
  addProfile,
  countUnsent,
  forgetProfile,
  type Profile,
  profiles,
  rememberActiveProfile,
} from '../../state/profiles-model';
import { sessionUser, signOut } from '../../state/session-model';
import { PageHeading } from '../../ui/page-heading';

function profileName(profile: Profile): string {
  return profile.label || t('profiles.unnamed');
}

/**
 * Several people on one phone: each profile has its own local database and must sign in on its own.
 * Switching signs the current person out first, so one person's session never sends another's items.
 */
export async function switchProfile(id: string): Promise<void> {
  if (sessionUser.value) await signOut().catch(() => undefined);
  await rememberActiveProfile(id);
  location.assign('/');
}

export function ProfilesPage() {
  const [label, setLabel] = useState('');
  const [error, setError] = useState('');
  const [removing, setRemoving] = useState<{ profile: Profile; unsent: number } | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    if (label.trim() === '') {
      setError(t('profiles.nameRequired'));
      document.getElementById('profile-name')?.focus();
      return;
    }
    setError('');
    const profile = await addProfile(label);
    setLabel('');
    await switchProfile(profile.id);
  };

  return (
    <>
      <PageHeading>{t('profiles.title')}</PageHeading>
      <p>{t('profiles.intro')}</p>
      <ul class="records">
        {profiles.value.map((profile) => (
          <li key={profile.id} class="record" data-testid="profile">
            <h2>{profileName(profile)}</h2>
            {profile.id === activeProfileId.value ? (
              <p>
                <strong>{t('profiles.current')}</strong>
              </p>
            ) : (
              <div class="actions">
                <button type="button" class="button" onClick={() => void switchProfile(profile.id)}>
                  {t('profiles.switch', { name: profileName(profile) })}
                </button>
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={async () => setRemoving({ profile, unsent: await countUnsent(profile.id) })}
                >
                  {t('profiles.remove', { name: profileName(profile) })}
                </button>
              </div>
            )}
            {removing?.profile.id === profile.id && (
              <fieldset class="confirm">
                <legend>
                  {removing.unsent > 0
                    ? t('profiles.removeUnsent', { n: removing.unsent })
                    : t('profiles.removeConfirm', { name: profileName(profile) })}
                </legend>
                <div class="actions">
                  <button
                    type="button"
                    class="button button--warning"
                    onClick={async () => {
                      await forgetProfile(profile.id);
                      setRemoving(null);
                    }}
                  >
                    {t('profiles.removeYes')}
                  </button>
                  <button type="button" class="button button--secondary" onClick={() => setRemoving(null)}>
                    {t('withdraw.cancel')}
                  </button>
                </div>
              </fieldset>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={add} noValidate>
        <div class={error ? 'field field--error' : 'field'}>
          <label for="profile-name">{t('profiles.newName')}</label>
          {error && (
            <p class="field__error" id="profile-name-error">
              {error}
            </p>
          )}
          <input
            id="profile-name"
            type="text"
            autocomplete="off"
            value={label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'profile-name-error' : undefined}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button">
          {t('profiles.add')}
        </button>
      </form>
    </>
  );
}

import { useState } from 'preact/hooks';
import type { FieldMap, FieldValue } from '../../../shared/record';
import { controlIds, SingleCheckbox } from '../../forms/field-controls';
import type { FormContext } from '../../forms/form-spec';
import type { MessageKey } from '../../i18n/messages-uk';
import { t } from '../../i18n/translate';

/** The schema's bounds (Ukraine's extent): a place outside them is not added, so it never blocks the form. */
const LATITUDE = { min: 44, max: 53 };
const LONGITUDE = { min: 22, max: 41 };

export const LOCATION_PATHS = ['locationConsent', 'latitude', 'longitude', 'locationAccuracy'] as const;

/** About a metre: enough to find a house, no more precise than the phone can honestly tell. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}

type Status = 'idle' | 'locating' | 'added' | 'denied' | 'unavailable' | 'timeout' | 'outside';

const STATUS_MESSAGE: Partial<Record<Status, MessageKey>> = {
  locating: 'location.locating',
  denied: 'location.denied',
  unavailable: 'location.unavailable',
  timeout: 'location.timeout',
  outside: 'location.outside',
};

/** What the phone's answer becomes: fields to store, or why nothing was stored. */
export function locationFromPosition(coords: {
  latitude: number;
  longitude: number;
  accuracy: number;
}): Record<string, FieldValue> | 'outside' {
  const latitude = roundCoordinate(coords.latitude);
  const longitude = roundCoordinate(coords.longitude);
  const inside =
    latitude >= LATITUDE.min &&
    latitude <= LATITUDE.max &&
    longitude >= LONGITUDE.min &&
    longitude <= LONGITUDE.max;
  if (!inside) return 'outside';
  return {
    latitude,
    longitude,
    locationAccuracy: Math.min(100_000, Math.max(0, Math.round(coords.accuracy))),
  };
}

function coordinatesText(key: MessageKey, fields: FieldMap): string | null {
  const { latitude, longitude, locationAccuracy } = fields;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  return t(key, {
    latitude: latitude.toFixed(5),
    longitude: longitude.toFixed(5),
    accuracy: typeof locationAccuracy === 'number' ? locationAccuracy : '?',
  });
}

/** The check page: the place, or that none was added. */
export function locationAnswer(fields: FieldMap): string {
  return (
    (fields.locationConsent === true && coordinatesText('location.answer', fields)) || t('location.none')
  );
}

/**
 * "Use my location", only with consent: the box first, then a button; the phone is asked only when the
 * button is pressed. Refusal, no signal or a slow fix is said plainly and never stops the form.
 */
export function LocationConsent({ context }: { context: FormContext }) {
  const [status, setStatus] = useState<Status>('idle');
  const consent = context.fields.locationConsent === true;
  const ids = controlIds('', 'locationConsent');
  const added = consent ? coordinatesText('location.added', context.fields) : null;
  const error = context.errors.latitude ?? context.errors.longitude ?? context.errors.locationAccuracy;

  const locate = () => {
    if (!('geolocation' in navigator)) return setStatus('unavailable');
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const found = locationFromPosition(position.coords);
        if (found === 'outside') return setStatus('outside');
        context.update(found);
        setStatus('added');
      },
      (failure) =>
        setStatus(
          failure.code === failure.PERMISSION_DENIED
            ? 'denied'
            : failure.code === failure.TIMEOUT
              ? 'timeout'
              : 'unavailable',
        ),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const message = STATUS_MESSAGE[status];
  return (
    <fieldset class="field" data-testid="location">
      <legend>{t('location.legend')}</legend>
      <SingleCheckbox
        ids={ids}
        label={t('location.consent')}
        hint={t('location.hint')}
        error={error}
        checked={consent}
        onValue={(checked) => {
          setStatus('idle');
          // Taking consent back removes the place too.
          context.update(
            checked
              ? { locationConsent: true }
              : { locationConsent: false, latitude: null, longitude: null, locationAccuracy: null },
          );
        }}
      />
      {consent && (
        <button
          type="button"
          class="button button--secondary"
          id="field-latitude"
          disabled={status === 'locating'}
          onClick={locate}
        >
          {t('location.use')}
        </button>
      )}
      <p role="status" data-testid="location-status">
        {consent && message ? t(message) : added}
      </p>
    </fieldset>
  );
}

import { describe, expect, it } from 'vitest';
import {
  locationFromPosition,
  roundCoordinate,
} from '../../../src/client/features/damage-report/location-consent';
import { checkFields } from '../../../src/shared/domain/service-definition';

describe('use my location', () => {
  it('keeps 5 decimals and whole metres', () => {
    expect(roundCoordinate(50.4500012345)).toBe(50.45);
    expect(roundCoordinate(30.5234567891)).toBe(30.52346);
    expect(
      locationFromPosition({ latitude: 50.4500012345, longitude: 30.5234567891, accuracy: 18.4 }),
    ).toEqual({
      latitude: 50.45,
      longitude: 30.52346,
      locationAccuracy: 18,
    });
  });

  it('adds nothing outside Ukraine, so the form is never blocked by the place', () => {
    expect(locationFromPosition({ latitude: 52.52, longitude: 13.405, accuracy: 10 })).toBe('outside');
  });

  it('the shared schema takes a stored place, and a place taken back (null)', () => {
    const paths = ['locationConsent', 'latitude', 'longitude', 'locationAccuracy'];
    expect(
      checkFields(
        'damageReport',
        { locationConsent: true, latitude: 50.45, longitude: 30.52346, locationAccuracy: 18 },
        paths,
      ),
    ).toEqual([]);
    expect(
      checkFields(
        'damageReport',
        { locationConsent: false, latitude: null, longitude: null, locationAccuracy: null },
        paths,
      ),
    ).toEqual([]);
    expect(checkFields('damageReport', { latitude: 60 }, paths)).toEqual([
      { field: 'latitude', message: 'location.invalid' },
    ]);
  });
});

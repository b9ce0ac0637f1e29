import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRoute, paths, type Route } from '../../src/client/router/routes';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('matchRoute', () => {
  it.each<[string, Route]>([
    ['/', { name: 'home' }],
    ['/index.html', { name: 'home' }],
    ['/applications', { name: 'applications' }],
    ['/damage-report/new', { name: 'damageReportNew' }],
    [`/damage-report/${ID}`, { name: 'damageReportEdit', recordId: ID }],
    [`/applications/${ID}`, { name: 'application', recordId: ID }],
  ])('%s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each([
    '',
    '/unknown',
    '/applications/',
    '/applications/new',
    '/applications/123',
    `/applications/${ID}/`,
    `/applications/${ID}x`,
    `/applications/${ID.toUpperCase()}`,
    `/applications/${ID.replaceAll('-', '')}`,
    `/damage-report/${ID.slice(0, -1)}`,
    `/damage-report/${ID.slice(0, -1)}g`,
    '/damage-report/../applications',
    '/damage-report',
    '/damage-report/new/',
    `/x/applications/${ID}`,
    '/api/sync/pull',
  ])('%s is not found', (path) => {
    expect(matchRoute(path)).toEqual({ name: 'notFound' });
  });

  it('never matches an id that is not a lowercase UUID', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)),
        (id) => {
          expect(matchRoute(paths.application(id)).name).not.toBe('application');
          expect(matchRoute(paths.damageReportEdit(id)).name).not.toBe('damageReportEdit');
        },
      ),
    );
  });
});

describe('paths', () => {
  it('round-trip through matchRoute for every route', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(matchRoute(paths.home())).toEqual({ name: 'home' });
        expect(matchRoute(paths.applications())).toEqual({ name: 'applications' });
        expect(matchRoute(paths.damageReportNew())).toEqual({ name: 'damageReportNew' });
        expect(matchRoute(paths.damageReportEdit(id))).toEqual({ name: 'damageReportEdit', recordId: id });
        expect(matchRoute(paths.application(id))).toEqual({ name: 'application', recordId: id });
        expect(matchRoute(paths.signIn())).toEqual({ name: 'signIn' });
        expect(matchRoute(paths.profiles())).toEqual({ name: 'profiles' });
      }),
    );
  });

  it('ids made by crypto.randomUUID (how records get ids) round-trip', () => {
    for (let i = 0; i < 100; i++) {
      const id = crypto.randomUUID();
      expect(matchRoute(paths.application(id))).toEqual({ name: 'application', recordId: id });
    }
  });

  it('every route name except notFound has a path builder', () => {
    const names = [
      'home',
      'applications',
      'damageReportNew',
      'damageReportEdit',
      'application',
      'signIn',
      'profiles',
    ];
    expect(Object.keys(paths).sort()).toEqual(names.sort());
  });
});

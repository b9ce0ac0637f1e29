import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  EmailSchema,
  emailProblem,
  isRussianDomain,
  normalizeEmail,
  OptionalEmailSchema,
} from '../../../src/shared/domain/validators/email';

describe('e-mail', () => {
  it.each([
    ['olena@example.com', 'olena@example.com'],
    ['  Olena.Koval@Example.COM ', 'Olena.Koval@example.com'],
    ['taras+forms@ukr.net', 'taras+forms@ukr.net'],
    ["o'neill@mail.example.org", "o'neill@mail.example.org"],
    ['олена@пошта.укр', 'олена@пошта.укр'],
    ['user@xn--80a1acny.xn--j1amh', 'user@xn--80a1acny.xn--j1amh'],
    ['user@sub-domain.example.ua', 'user@sub-domain.example.ua'],
    ['a@b.co', 'a@b.co'],
  ])('%j is valid and stored as %s', (typed, stored) => {
    expect(emailProblem(typed)).toBeUndefined();
    expect(normalizeEmail(typed)).toBe(stored);
    expect(v.parse(EmailSchema, typed)).toBe(stored);
  });

  it.each([
    ['', 'email.required'],
    ['   ', 'email.required'],
    ['olena', 'email.format'],
    ['olena@', 'email.format'],
    ['@example.com', 'email.format'],
    ['olena@example', 'email.format'],
    ['olena@@example.com', 'email.format'],
    ['ole na@example.com', 'email.format'],
    ['.olena@example.com', 'email.format'],
    ['olena.@example.com', 'email.format'],
    ['ole..na@example.com', 'email.format'],
    ['olena@-example.com', 'email.format'],
    ['olena@example-.com', 'email.format'],
    ['olena@example..com', 'email.format'],
    ['olena@example.com.', 'email.format'],
    ['olena@example.c', 'email.format'],
    ['olena@example.123', 'email.format'],
    [`${'a'.repeat(65)}@example.com`, 'email.format'],
    [`a@${'b'.repeat(64)}.com`, 'email.format'],
    ['ivan@mail.ru', 'email.russianDomain'],
    ['IVAN@MAIL.RU', 'email.russianDomain'],
    ['ivan@yandex.Ru', 'email.russianDomain'],
    ['ivan@inbox.su', 'email.russianDomain'],
    ['ivan@почта.рф', 'email.russianDomain'],
    ['ivan@почта.РФ', 'email.russianDomain'],
    ['ivan@xn--80a1acny.xn--p1ai', 'email.russianDomain'],
    ['ivan@deep.sub.mail.ru', 'email.russianDomain'],
  ])('%j → %s', (typed, message) => {
    expect(emailProblem(typed)).toBe(message);
  });

  it('looks only at the top-level domain: ru elsewhere in the address is fine', () => {
    expect(emailProblem('ru@ru.example.com')).toBeUndefined();
    expect(emailProblem('ivan@mail.run')).toBeUndefined();
    expect(isRussianDomain('ivan@ru.ua')).toBe(false);
  });

  it('an optional e-mail treats empty as absent but still checks a typed one', () => {
    expect(v.parse(OptionalEmailSchema, undefined)).toBeUndefined();
    expect(v.parse(OptionalEmailSchema, '')).toBeUndefined();
    expect(v.parse(OptionalEmailSchema, '   ')).toBeUndefined();
    expect(v.parse(OptionalEmailSchema, ' A@B.UA ')).toBe('A@b.ua');
    expect(v.safeParse(OptionalEmailSchema, 'a@mail.ru').issues?.map((issue) => issue.message)).toEqual([
      'email.russianDomain',
    ]);
    const Form = v.object({ email: OptionalEmailSchema });
    expect(v.parse(Form, {})).toEqual({ email: undefined });
  });
});

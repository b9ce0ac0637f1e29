// Ukrainian convention: DD.MM.YYYY and a 24-hour clock, in both languages, so a date read aloud to an
// office means the same thing whatever language the phone shows.
function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${formatTime(iso)}`;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Calendar dates typed by the user. The app stores and sends ISO dates
// (YYYY-MM-DD); French and Italian users write day first (19/09/2024, 19.09.2024),
// so a complete day-first date is turned into its ISO form as it is typed.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// A real calendar date in ISO form; "2023-02-30" is refused.
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// What a date field keeps of what was typed: a complete, real day-first date becomes
// ISO; anything else (ISO already, half typed, not a date) is kept as typed, for the
// form's check to judge.
export function typedDate(text: string): string {
  const m = DAY_FIRST.exec(text.trim());
  if (!m) return text;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return text;
  return `${m[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

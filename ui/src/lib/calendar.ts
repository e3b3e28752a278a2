// The CalDAV providers the Calendar settings offer, with the address each one
// serves calendars at. Nextcloud's host is the user's own: the example host is
// there to be replaced, as the hint says.
export const CALENDAR_PRESETS = ["other", "nextcloud", "icloud", "fastmail"] as const;
export type CalendarPreset = (typeof CALENDAR_PRESETS)[number];

const URLS: Record<CalendarPreset, string | null> = {
  other: null,
  nextcloud: "https://cloud.example.com/remote.php/dav",
  icloud: "https://caldav.icloud.com/",
  fastmail: "https://caldav.fastmail.com/dav/",
};

// The address to put in the form for `preset`; null leaves what the user typed.
export function presetFor(preset: CalendarPreset): string | null {
  return URLS[preset];
}

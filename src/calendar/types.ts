/** A day of the week, as the content model spells it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** One opening period: on each of `days`, open from `opens` until `closes` (local 'HH:MM'; `closes` may be '24:00'). */
export interface OpeningPeriod {
  days: Weekday[];
  opens: string;
  closes: string;
}

/** The `openingHours` object of the content model (without its display-only `note`). */
export interface OpeningHours {
  periods: OpeningPeriod[];
  closedOnPublicHolidays: boolean;
}

/** An organisation's own closure: inclusive local dates YYYY-MM-DD. */
export interface Closure {
  from: string;
  to: string;
}

/** The organisation fields the calendar needs. `region` is a date-holidays state code (`ENG` for England and Wales). */
export interface OrgCalendar {
  timeZone: string;
  country: string;
  region?: string;
  businessHours?: OpeningHours;
  closures?: Closure[];
}

/** The `duration.unit` values of the content model. */
export type DurationUnit = 'hours' | 'workingHours' | 'businessDays' | 'calendarDays' | 'weeks' | 'months';

/** Whether something is open at an instant, and until when, or when it next opens. */
export type OpeningStatus = { open: true; closesAt: Date } | { open: false; nextOpening: Date | null };

/** Local calendar date and wall-clock time of an instant in a time zone. */
export interface LocalParts {
  date: string;
  weekday: Weekday;
  hour: number;
  minute: number;
}

import { TZDate } from '@date-fns/tz';
import {
  businessDayBefore,
  businessHoursPassed,
  inBusinessHours as inHours,
} from '../../../src/domain/reminders/business-hours';
import { NOTHING_SENT, type ReminderState, reminderDue } from '../../../src/domain/reminders/schedule';

/** The platform's zone (REPORTING_TIME_ZONE): business hours are its wall clock, whatever the server's. */
const ZONE = 'America/New_York';

/** A wall-clock time in the platform's zone. */
const at = (day: string, hour: number, minute = 0, zone = ZONE) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, zone).getTime());
};
const inBusinessHours = (when: Date) => inHours(when, ZONE);

// Requested on Friday Nov 20, 2026 at 10:00; expires a week later, the day after Thanksgiving.
const REQUESTED = at('2026-11-20', 10);
const EXPIRES = at('2026-11-27', 10);

function due(now: Date, state: ReminderState = NOTHING_SENT) {
  return reminderDue({
    requestedAt: REQUESTED,
    expiresAt: EXPIRES,
    now,
    state,
    afterBusinessHours: 4,
    timeZone: ZONE,
  });
}

const sent = (count: number, last: Date, warned: Date | null = null): ReminderState => ({
  sent: count,
  lastRemindedAt: last,
  lastWarningAt: warned,
});

describe('business hours', () => {
  it('are 9:00 to 17:00 on Fed business days only', () => {
    expect(inBusinessHours(at('2026-11-20', 9))).toBe(true);
    expect(inBusinessHours(at('2026-11-20', 8, 59))).toBe(false);
    expect(inBusinessHours(at('2026-11-20', 17))).toBe(false);
    expect(inBusinessHours(at('2026-11-21', 12))).toBe(false); // Saturday
    expect(inBusinessHours(at('2026-11-26', 12))).toBe(false); // Thanksgiving
  });

  it('count only working time: Friday 15:00 plus 4 business hours is Monday 11:00', () => {
    const friday = at('2026-11-20', 15);
    expect(businessHoursPassed(friday, at('2026-11-23', 10, 59), 4, ZONE)).toBe(false);
    expect(businessHoursPassed(friday, at('2026-11-23', 11), 4, ZONE)).toBe(true);
  });

  it('are the platform zone’s, not the server’s: 9:30 in New York is 6:30 in Los Angeles', () => {
    const morning = at('2026-11-23', 9, 30); // Monday, 14:30 UTC
    expect(inHours(morning, 'America/New_York')).toBe(true);
    expect(inHours(morning, 'America/Los_Angeles')).toBe(false);
    expect(inHours(at('2026-11-23', 9, 0, 'America/Los_Angeles'), 'America/Los_Angeles')).toBe(true);
    // 16:30 on Friday in Los Angeles: open there, though it is Saturday in UTC and closed in New York.
    expect(inHours(at('2026-11-20', 16, 30, 'America/Los_Angeles'), 'America/Los_Angeles')).toBe(true);
    expect(inHours(at('2026-11-20', 16, 30, 'America/Los_Angeles'), 'America/New_York')).toBe(false);
    // Thanksgiving is a holiday on the zone's calendar day.
    expect(inHours(at('2026-11-26', 12, 0, 'Asia/Tokyo'), 'Asia/Tokyo')).toBe(false);
    expect(inHours(at('2026-11-27', 9, 30, 'Asia/Tokyo'), 'Asia/Tokyo')).toBe(true);
  });

  it('a day is the zone’s calendar day: one reminder per Los Angeles day, though UTC’s day turns at 16:00 there', () => {
    const LA = 'America/Los_Angeles';
    const la = (day: string, hour: number, minute = 0) => at(day, hour, minute, LA);
    const dueInLA = (now: Date, state: ReminderState) =>
      reminderDue({
        requestedAt: REQUESTED,
        expiresAt: null,
        now,
        state,
        afterBusinessHours: 4,
        timeZone: LA,
      });
    const monday = sent(1, la('2026-11-23', 9)); // 17:00 UTC Monday
    expect(dueInLA(la('2026-11-23', 16, 30), monday)).toBeUndefined(); // 00:30 UTC Tuesday
    expect(dueInLA(la('2026-11-24', 9), monday)).toBe('reminder');
  });

  it('the business day before the day after Thanksgiving is the Wednesday', () => {
    expect(businessDayBefore(EXPIRES, ZONE)).toEqual(at('2026-11-25', 0));
    expect(businessDayBefore(at('2026-11-23', 10), ZONE)).toEqual(at('2026-11-20', 0));
  });
});

describe('which reminder is due', () => {
  it('the first after four business hours, then one a business day, none on weekends or holidays', () => {
    expect(due(at('2026-11-20', 13, 59))).toBeUndefined();
    expect(due(at('2026-11-20', 14))).toBe('reminder');
    const first = sent(1, at('2026-11-20', 14));
    expect(due(at('2026-11-20', 16), first)).toBeUndefined();
    expect(due(at('2026-11-21', 10), first)).toBeUndefined(); // Saturday
    expect(due(at('2026-11-22', 10), first)).toBeUndefined(); // Sunday
    expect(due(at('2026-11-23', 8), first)).toBeUndefined(); // before the day starts
    expect(due(at('2026-11-23', 9), first)).toBe('reminder');
    expect(due(at('2026-11-24', 9), sent(2, at('2026-11-23', 9)))).toBe('reminder');
  });

  it('the last warning on the business day before it expires, and nothing after it', () => {
    const tuesday = sent(3, at('2026-11-24', 9));
    expect(due(at('2026-11-25', 9), tuesday)).toBe('last_warning');
    const warned = sent(4, at('2026-11-25', 9), at('2026-11-25', 9));
    expect(due(at('2026-11-26', 10), warned)).toBeUndefined(); // Thanksgiving
    expect(due(at('2026-11-27', 9), warned)).toBeUndefined();
    expect(due(at('2026-11-27', 9), tuesday)).toBe('last_warning'); // missed on Wednesday: still warned
    expect(due(at('2026-11-27', 10), tuesday)).toBeUndefined(); // expired
  });

  it('a last warning for an expiry that then moved later does not stop the reminders the new expiry is owed', () => {
    // Warned on Wednesday for Friday's expiry; one approval of two on Wednesday restarts the week.
    const later = at('2026-12-02', 15);
    const dueLater = (now: Date, state: ReminderState) =>
      reminderDue({
        requestedAt: REQUESTED,
        expiresAt: later,
        now,
        state,
        afterBusinessHours: 4,
        timeZone: ZONE,
      });
    const warned = sent(4, at('2026-11-25', 9), at('2026-11-25', 9));
    expect(dueLater(at('2026-11-25', 16), warned)).toBeUndefined(); // one a day still
    expect(dueLater(at('2026-11-27', 9), warned)).toBe('reminder');
    expect(dueLater(at('2026-11-30', 9), sent(5, at('2026-11-27', 9), at('2026-11-25', 9)))).toBe('reminder');
    const monday = sent(6, at('2026-11-30', 9), at('2026-11-25', 9));
    expect(dueLater(at('2026-12-01', 9), monday)).toBe('last_warning');
    const warnedAgain = sent(7, at('2026-12-01', 9), at('2026-12-01', 9));
    expect(dueLater(at('2026-12-02', 9), warnedAgain)).toBeUndefined();
  });

  it('a request that never expires (a reversal) is reminded daily with no last warning', () => {
    const never = (now: Date, state: ReminderState) =>
      reminderDue({
        requestedAt: REQUESTED,
        expiresAt: null,
        now,
        state,
        afterBusinessHours: 4,
        timeZone: ZONE,
      });
    expect(never(at('2026-12-30', 9), sent(20, at('2026-12-29', 9)))).toBe('reminder');
  });
});

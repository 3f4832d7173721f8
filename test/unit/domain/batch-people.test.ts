import { peopleIndex, type SlackPerson } from '../../../src/domain/batch/people';

const person = (userId: string, handle: string, displayName: string, realName: string): SlackPerson => ({
  userId,
  handle,
  displayName,
  realName,
  email: null,
});

describe("matching names against Slack's member list", () => {
  const index = peopleIndex([
    person('U1', 'maya', 'Maya', 'Maya Lopez'),
    person('U2', 'sam.k', 'Sam', 'Sam Kline'),
    person('U3', 'sam.r', 'Sam', 'Sam Reyes'),
    person('U4', 'maya.l', 'maya.l', 'Maya Lee'),
  ]);

  it('finds one person by @handle, display name or full name, ignoring case and spaces', () => {
    expect(index.byHandle('maya')).toMatchObject({ kind: 'one', person: { userId: 'U1' } });
    expect(index.byHandle('SAM.K')).toMatchObject({ kind: 'one', person: { userId: 'U2' } });
    expect(index.byName(' sam   reyes ')).toMatchObject({ kind: 'one', person: { userId: 'U3' } });
    expect(index.byName('maya lee')).toMatchObject({ kind: 'one', person: { userId: 'U4' } });
  });

  it('says a name is ambiguous when it fits several people, and unknown when it fits nobody', () => {
    const sam = index.byName('Sam');
    expect(sam.kind).toBe('ambiguous');
    expect(sam.kind === 'ambiguous' && sam.candidates.map((c) => c.userId)).toEqual(['U2', 'U3']);
    expect(index.byHandle('Sam').kind).toBe('ambiguous');
    // "maya" is U1's handle and display name: one person, not two matches.
    expect(index.byName('maya')).toMatchObject({ kind: 'one', person: { userId: 'U1' } });
    expect(index.byName('Nobody')).toEqual({ kind: 'none' });
  });
});

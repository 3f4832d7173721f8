export { HopBrowser, pageTitle } from './browser';
export { CAST, DEMO_SECRETS, FINANCE_CHANNEL, ROLES } from './cast';
export { DemoStepError } from './check';
export { SimulatedClock } from './clock';
export { playStory, type StoryOutcome } from './play';
export { STORY } from './story';
export { Transcript } from './transcript';
export { type DemoApp, type DemoWorld, OPENING_BALANCE_CENTS, startDemoWorld } from './world';

// Tests that talk to Azurite, the local host or Chromium wait on real processes.
jest.setTimeout(60_000);

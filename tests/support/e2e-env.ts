// Every project's global setup runs in jest's own process before any test, so when all projects
// run, the api project's BCM_TEST_API_URL is set here too. The e2e tests' API calls (through
// ./http) must reach the API of their own `npm start` stack, where the pane's data lives.
process.env.BCM_TEST_API_URL = process.env.BCM_TEST_WEB_API_URL;

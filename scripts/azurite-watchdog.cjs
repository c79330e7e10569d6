// Runs Azurite's Table service (the script named first, with the arguments after it) and shuts
// it down cleanly when the process that started it goes away: its stdin, a pipe from that
// process, then closes. So no Azurite outlives a killed `npm start`, test run or benchmark.
const [main, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], main, ...args];
// A second SIGINT (Ctrl-C reaches the whole process group, then `npm start` stops Azurite too)
// must not cut the first one's clean shutdown short.
process.on("SIGINT", () => undefined);
process.stdin.on("end", () => process.emit("SIGINT"));
process.stdin.resume();
// Watching stdin must not keep the process alive once Azurite has closed its server.
process.stdin.unref();
// Told port 0, Azurite listens on a port the system picks and still names 0: the port it got is
// written as `azurite-port <n>` to stdout, where the process that started it reads it.
const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object")
      process.stdout.write(`azurite-port ${address.port}\n`);
  });
  return listen.apply(this, args);
};
require(main);

import { run } from './main';

// Functions' SDK notice about the Node.js version is noise for a command line run on a laptop.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
void run(process.argv.slice(2), {
  output: { out: (text) => console.log(text), err: (text) => console.error(text), colour },
}).then((code) => {
  process.exitCode = code;
});

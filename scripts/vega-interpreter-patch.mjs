// An esbuild plugin for the bundles (scripts/compile.mjs): vega-interpreter, which runs the
// expressions of chart specs without `new Function`, sets up a scope for every expression it
// evaluates: `Object.create` of the view's functions plus six fresh closures that route event
// functions to the event. Encoding a mark evaluates one expression per channel per item, so a
// cold build made ~100,000 of these scopes in the chart worker, a fifth of its time with the
// garbage they leave. Without an event (every evaluation a headless drawing makes) the scope
// differs only by its functions, so one is kept per functions object; with an event it is made
// as before. The event functions still fail the same way without an event, and no function
// writes to its scope (`this`). Drawings are the same bytes. The bundle fails to compile if
// vega-interpreter's text is not what this expects, rather than bundle it unpatched.
import { readFileSync } from 'node:fs'

const BEFORE = `  $.fn = Object.create(fn);
  $.params = params;
  $.datum = datum;
  $.event = event;
  $.item = item;

  // route event functions to annotated vega event context
  EventFunctions.forEach(f => $.fn[f] = (...args) => event.vega[f](...args));
  return $(ast);`

const AFTER = `  $.fn = event === undefined ? scopeWithoutEvent(fn) : eventScope(fn, event);
  $.params = params;
  $.datum = datum;
  $.event = event;
  $.item = item;
  return $(ast);`

const HELPERS = `
const eventScope = (fn, event) => {
  const scope = Object.create(fn);
  // route event functions to annotated vega event context
  EventFunctions.forEach(f => scope[f] = (...args) => event.vega[f](...args));
  return scope;
};
const scopesWithoutEvent = new WeakMap();
const scopeWithoutEvent = fn => {
  let scope = scopesWithoutEvent.get(fn);
  if (!scope) scopesWithoutEvent.set(fn, scope = eventScope(fn, undefined));
  return scope;
};
function interpret (`

/** vega-interpreter's text, patched; throws if it is not the text the patch was made for. */
export function patchInterpreter(text, path = 'vega-interpreter') {
  if (!text.includes(BEFORE) || !text.includes('function interpret ('))
    throw new Error(
      `${path}: not the vega-interpreter this patch expects (scripts/vega-interpreter-patch.mjs)`,
    )
  return text.replace(BEFORE, AFTER).replace('function interpret (', HELPERS)
}

/** The plugin: vega-interpreter's ES module build, patched as it is loaded. */
export const vegaInterpreterPatch = {
  name: 'vega-interpreter-scope',
  setup(build) {
    build.onLoad({ filter: /vega-interpreter[\\/]build[\\/]vega-interpreter\.js$/ }, (args) => ({
      contents: patchInterpreter(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }))
  },
}

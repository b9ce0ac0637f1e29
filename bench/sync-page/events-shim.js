// Node's EventEmitter, as much of it as pouchdb-browser uses: pouchdb-browser imports 'events' and
// expects the bundler to supply it. Methods sit on the prototype as enumerable properties because
// PouchDB copies them onto its constructor with Object.keys(EE.prototype).
function EventEmitter() {
  this._events = Object.create(null);
}

function listenersOf(emitter, type) {
  if (!emitter._events) emitter._events = Object.create(null);
  if (!emitter._events[type]) emitter._events[type] = [];
  return emitter._events[type];
}

EventEmitter.prototype.on = function on(type, listener) {
  listenersOf(this, type).push(listener);
  return this;
};
EventEmitter.prototype.addListener = EventEmitter.prototype.on;
EventEmitter.prototype.once = function once(type, listener) {
  const wrapper = (...args) => {
    this.removeListener(type, wrapper);
    listener.apply(this, args);
  };
  wrapper.listener = listener;
  return this.on(type, wrapper);
};
EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  const list = listenersOf(this, type);
  const index = list.findIndex((item) => item === listener || item.listener === listener);
  if (index >= 0) list.splice(index, 1);
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  if (type === undefined) this._events = Object.create(null);
  else if (this._events) delete this._events[type];
  return this;
};
EventEmitter.prototype.emit = function emit(type, ...args) {
  const list = this._events?.[type];
  if (!list || list.length === 0) {
    if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
    return false;
  }
  for (const listener of [...list]) listener.apply(this, args);
  return true;
};
EventEmitter.prototype.listeners = function listeners(type) {
  return (this._events?.[type] ?? []).map((item) => item.listener ?? item);
};
EventEmitter.prototype.listenerCount = function listenerCount(type) {
  return this._events?.[type]?.length ?? 0;
};
EventEmitter.prototype.setMaxListeners = function setMaxListeners() {
  return this;
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.EventEmitter = EventEmitter;

export default EventEmitter;
export { EventEmitter };

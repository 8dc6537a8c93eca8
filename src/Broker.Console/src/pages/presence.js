import * as live from '../live.js';

/**
 * Follows WatchPresence for the devices of a page: known devices are updated in place (online, last seen, open
 * sessions; changed(device, onlineChanged) is called), a device the page does not know yet (newly enrolled or moved in)
 * makes it load its list again (unknown()).
 */
export function followPresence({ find, changed, unknown, failed }) {
  let reload = null;
  return live.follow('WatchPresence', [], {
    next: change => {
      const device = find(change.deviceId);
      if (device && device.deviceGroupId === change.deviceGroupId) {
        const onlineChanged = device.online !== change.online;
        device.online = change.online;
        device.lastSeenAt = dateOf(change.lastSeenAt) ?? device.lastSeenAt;
        device.openSessions = change.openSessions ?? 0;
        changed(device, onlineChanged);
      } else {
        clearTimeout(reload);
        reload = setTimeout(unknown, 250);
      }
    },
    error: failed,
  });
}

/** MessagePack brings a DateTimeOffset as [timestamp, offset minutes]; JSON as text. */
export function dateOf(value) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return dateOf(value[0]);
  if (value instanceof Date) return value.toISOString();
  return value;
}

import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PhotoPickerProps } from './photo-picker-view';

let loaded: ComponentType<PhotoPickerProps> | undefined;

/**
 * The picker's code and strings are a separate chunk, fetched when a form first shows it (precached
 * by the service worker, so this works offline): the first-load bundle has no room for it.
 */
export function PhotoPicker(props: PhotoPickerProps) {
  const [View, setView] = useState(() => loaded);
  useEffect(() => {
    if (View) return;
    let live = true;
    void import('./photo-picker-view').then((module) => {
      loaded = module.PhotoPickerView;
      if (live) setView(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [View]);
  return View ? <View {...props} /> : null;
}

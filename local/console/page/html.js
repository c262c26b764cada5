// htm bound to preact's h: JSX-like templates in plain JavaScript, no compiler.
import htm from 'htm';
import { h } from 'preact';

export const html = htm.bind(h);

/** A click handler for an in-page link: `go` instead of the browser following `href`. */
export const follow = (go) => (event) => {
  event.preventDefault();
  go();
};

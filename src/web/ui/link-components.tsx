import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

type AnchorAttributes = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'href'> & {
  ref?: Ref<HTMLAnchorElement>;
};

function AnchorLink(props: AnchorProps & AnchorAttributes) {
  return <Anchor {...props} />;
}
function ButtonLink(props: ButtonProps & AnchorAttributes) {
  return <Button component="a" {...props} />;
}
function NavLinkLink(props: NavLinkProps & AnchorAttributes) {
  return <NavLink component="a" {...props} />;
}

const CreatedAnchor = createLink(AnchorLink);
const CreatedButton = createLink(ButtonLink);
const CreatedNavLink = createLink(NavLinkLink);

/** Mantine's anchor, button and nav link navigating inside the app, with typed routes; preloaded on intent. */
export const RouterAnchor: LinkComponent<typeof AnchorLink> = (props) => <CreatedAnchor preload="intent" {...props} />;
export const RouterButton: LinkComponent<typeof ButtonLink> = (props) => <CreatedButton preload="intent" {...props} />;
export const RouterNavLink: LinkComponent<typeof NavLinkLink> = (props) => (
  <CreatedNavLink preload="intent" {...props} />
);

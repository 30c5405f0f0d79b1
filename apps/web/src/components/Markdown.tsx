import { memo, type ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

function headingAt(level: number): HeadingTag {
  return `h${Math.min(Math.max(level, 2), 6)}` as HeadingTag;
}

/**
 * The Markdown is one `##` section of a prompt file rendered under a page heading of
 * `sectionLevel`, so its headings shift by the difference and never rise to or above that heading;
 * the page outline stays valid. Tables scroll on narrow screens instead of widening the page.
 */
function componentsFor(sectionLevel: number): Components {
  const heading = (level: number) => {
    const Tag = headingAt(Math.max(level + sectionLevel - 2, sectionLevel + 1));
    return function ShiftedHeading({
      node: _node,
      ...props
    }: ComponentPropsWithoutRef<'h2'> & { node?: unknown }) {
      return <Tag {...props} />;
    };
  };
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    table: ({ node: _node, ...props }) => (
      <div className="table-scroll">
        <table {...props} />
      </div>
    ),
    a: ({ node: _node, href, ...props }) => {
      const external = href !== undefined && /^https?:\/\//.test(href);
      return (
        <a href={href} {...props} {...(external ? { target: '_blank', rel: 'noreferrer noopener' } : {})} />
      );
    },
  };
}

// Built once per level: a new `components` object each render would remount every heading.
const componentsByLevel = new Map<number, Components>();
const remarkPlugins = [remarkGfm];

interface MarkdownProps {
  children: string;
  /** The level of the page heading this Markdown sits under (2 for an h2). */
  sectionLevel?: number;
  className?: string;
}

/**
 * Memoized, like InlineMarkdown: parsing is the costly part, and the pages around it re-render on
 * socket events, fetches and keystrokes while the text stays the same. Parsing the interviewer's
 * guide again on each of the room's re-renders took ~0.4 s of its page open in headless Chromium.
 */
export const Markdown = memo(function Markdown({ children, sectionLevel = 2, className }: MarkdownProps) {
  let components = componentsByLevel.get(sectionLevel);
  if (!components) {
    components = componentsFor(sectionLevel);
    componentsByLevel.set(sectionLevel, components);
  }
  // Raw HTML in the source is not rendered (react-markdown's default), so prompt files cannot inject markup.
  return (
    <div className={`prose${className ? ` ${className}` : ''}`}>
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
});

// Single lines such as rubric signals may use inline Markdown (bold, code); paragraphs are unwrapped.
const inlineOnly: Components = { p: 'span' };

/** One line of Markdown in running text, e.g. a rubric signal; parsed again only when it changes. */
export const InlineMarkdown = memo(function InlineMarkdown({ children }: { children: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} components={inlineOnly}>
      {children}
    </ReactMarkdown>
  );
});

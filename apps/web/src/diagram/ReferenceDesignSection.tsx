import { useId, useState } from 'react';
import type { DiagramSource } from '../api/diagrams';
import { Dialog } from '../components/Dialog';
import { ReferenceDiagram } from './ReferenceDiagram';

/**
 * The guide's "Reference design": collapsed until asked for (it loads a drawing), and openable full
 * size in a dialog, since a side panel is narrow for a whole architecture.
 */
export function ReferenceDesignSection({ source }: { source: DiagramSource }) {
  const [open, setOpen] = useState(false);
  const [large, setLarge] = useState(false);
  const bodyId = useId();
  return (
    <section className="guide-section reference-design" aria-labelledby={`${bodyId}-title`}>
      <h3 id={`${bodyId}-title`} className="guide-section__title reference-design__title">
        <button
          type="button"
          className="reference-design__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((value) => !value)}
        >
          <span className="reference-design__chevron" aria-hidden="true" />
          Reference design
        </button>
      </h3>
      <div id={bodyId} hidden={!open}>
        {open && !large && (
          <>
            <p className="reference-design__note">
              The boxes and arrows of the high-level design, to compare with the candidate’s board.
            </p>
            <ReferenceDiagram source={source} />
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setLarge(true)}
            >
              Open full size
            </button>
          </>
        )}
      </div>
      {large && (
        <Dialog title="Reference design" onClose={() => setLarge(false)}>
          <div className="reference-design__large">
            <ReferenceDiagram source={source} />
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={() => setLarge(false)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

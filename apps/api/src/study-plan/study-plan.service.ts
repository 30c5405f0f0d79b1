import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ROADMAP_PHASE_TITLES,
  STUDY_PLAN_LIMITS,
  type CreateStudyCard,
  type CreateStudyColumnRequest,
  type MoveStudyCardRequest,
  type MoveStudyColumnRequest,
  type StudyPlan,
  type UpdateStudyCardRequest,
  type UpdateStudyColumnRequest,
} from '@mockboard/contracts';
import {
  columnForPhase,
  defaultStudyPlan,
  promptCard,
  studyPlanMarkdown,
  type PlannedStudyColumn,
} from '@mockboard/prompts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import { RequestValidationError } from '../common/zod-validation.pipe';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PromptsService } from '../prompts/prompts.service';
import { placeAt } from './place-at';
import { StudyPlanCompletionsRepository } from './study-plan-completions.repository';
import { StudyPlanRepository } from './study-plan.repository';

export interface StudyPlanFile {
  filename: string;
  markdown: string;
}

const tooLarge = (message: string) => new DomainError('too_large', message);

/**
 * The user's study plan. Every call runs in one transaction holding the board's lock: the first
 * call writes the default plan, each call applies the mocks completed since the last one (their
 * prompt cards become done), then makes its change and answers with the whole board. Positions
 * are recomputed from the stored order under the lock, so a move sent from a stale screen lands
 * somewhere sensible and never leaves gaps or duplicates.
 */
@Injectable()
export class StudyPlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: StudyPlanRepository,
    private readonly completions: StudyPlanCompletionsRepository,
    private readonly prompts: PromptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  plan(user: AuthUser): Promise<StudyPlan> {
    return this.change(user, async () => {});
  }

  addColumn(user: AuthUser, body: CreateStudyColumnRequest): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      if ((await this.plans.columnCount(manager, user.id)) >= STUDY_PLAN_LIMITS.columns) {
        throw tooLarge(`A plan holds at most ${STUDY_PLAN_LIMITS.columns} columns; delete one first.`);
      }
      await this.plans.insertColumn(manager, user.id, body.title);
    });
  }

  renameColumn(user: AuthUser, columnId: string, body: UpdateStudyColumnRequest): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.requireColumn(manager, user.id, columnId);
      await this.plans.renameColumn(manager, user.id, columnId, body.title);
    });
  }

  moveColumn(user: AuthUser, columnId: string, body: MoveStudyColumnRequest): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.requireColumn(manager, user.id, columnId);
      const order = placeAt(await this.plans.columnIds(manager, user.id), columnId, body.position);
      await this.plans.setColumnOrder(manager, user.id, order);
    });
  }

  deleteColumn(user: AuthUser, columnId: string): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.requireColumn(manager, user.id, columnId);
      await this.plans.deleteColumn(manager, user.id, columnId);
      await this.plans.setColumnOrder(manager, user.id, await this.plans.columnIds(manager, user.id));
    });
  }

  addCard(user: AuthUser, body: CreateStudyCard): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.requireColumn(manager, user.id, body.columnId);
      await this.requireRoomForCards(manager, user.id, 1);
      const prompt = body.promptId === undefined ? undefined : this.prompts.get(body.promptId);
      if (body.promptId !== undefined && !prompt) {
        throw new RequestValidationError('body', [
          { field: 'promptId', message: `"${body.promptId}" is not a prompt in the library` },
        ]);
      }
      const [cardId] = await this.plans.appendCards(manager, user.id, body.columnId, [
        {
          title: body.title ?? prompt!.title,
          kind: body.kind,
          promptId: body.promptId ?? null,
          status: body.status,
          notes: body.notes,
          links: body.links,
        },
      ]);
      await this.completions.markPractisedCards(manager, user.id, [cardId!]);
    });
  }

  updateCard(user: AuthUser, cardId: string, body: UpdateStudyCardRequest): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.requireCard(manager, user.id, cardId);
      await this.plans.updateCard(manager, user.id, cardId, body);
    });
  }

  moveCard(user: AuthUser, cardId: string, body: MoveStudyCardRequest): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      const card = await this.requireCard(manager, user.id, cardId);
      await this.requireColumn(manager, user.id, body.columnId);
      const target = placeAt(
        await this.plans.cardIdsIn(manager, user.id, body.columnId),
        cardId,
        body.position,
      );
      await this.plans.setCardOrder(manager, user.id, body.columnId, target);
      if (card.columnId !== body.columnId) {
        const source = await this.plans.cardIdsIn(manager, user.id, card.columnId);
        await this.plans.setCardOrder(manager, user.id, card.columnId, source);
      }
    });
  }

  deleteCard(user: AuthUser, cardId: string): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      const card = await this.requireCard(manager, user.id, cardId);
      await this.plans.deleteCard(manager, user.id, cardId);
      const rest = await this.plans.cardIdsIn(manager, user.id, card.columnId);
      await this.plans.setCardOrder(manager, user.id, card.columnId, rest);
    });
  }

  /** Replaces the board with the default plan (the user confirmed; nothing of the old board stays). */
  reset(user: AuthUser): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      await this.plans.clear(manager, user.id);
      await this.completions.forget(manager, user.id);
      await this.plans.insertColumns(manager, user.id, this.defaultPlan());
      await this.completions.applyCompletedMocks(manager, user.id);
    });
  }

  /**
   * Adds a card for each library prompt no card practises yet, at the end of its phase's column
   * (a column named for the phase is added when the user removed it).
   */
  addNewPrompts(user: AuthUser): Promise<StudyPlan> {
    return this.change(user, async (manager) => {
      const onBoard = await this.plans.promptIdsOnBoard(manager, user.id);
      const missing = this.prompts.all().filter((prompt) => !onBoard.has(prompt.id));
      if (missing.length === 0) return;
      await this.requireRoomForCards(manager, user.id, missing.length);
      const added: string[] = [];
      for (const prompt of missing) {
        const columns = await this.plans.columns(manager, user.id);
        let column =
          columns[
            columnForPhase(
              columns.map((each) => each.title),
              prompt.roadmapPhase,
            )
          ];
        if (!column) {
          if (columns.length >= STUDY_PLAN_LIMITS.columns) {
            throw tooLarge(`A plan holds at most ${STUDY_PLAN_LIMITS.columns} columns; delete one first.`);
          }
          await this.plans.insertColumn(manager, user.id, ROADMAP_PHASE_TITLES[prompt.roadmapPhase]);
          column = (await this.plans.columns(manager, user.id)).at(-1)!;
        }
        added.push(...(await this.plans.appendCards(manager, user.id, column.id, [promptCard(prompt)])));
      }
      await this.completions.markPractisedCards(manager, user.id, added);
    });
  }

  /** The board as Markdown, dated in the user's zone. */
  async exportMarkdown(user: AuthUser): Promise<StudyPlanFile> {
    const plan = await this.plan(user);
    const day = new Intl.DateTimeFormat(user.dateTimeLocale ?? 'en-GB', {
      timeZone: user.timezone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    const base = this.config.publicUrl ?? '';
    const markdown = studyPlanMarkdown(plan, {
      promptUrl: (id) => `${base}/prompts/${id}`,
      formatDate: (at) => day.format(at),
    });
    return { filename: 'mockboard-study-plan.md', markdown };
  }

  private change(user: AuthUser, work: (manager: EntityManager) => Promise<void>): Promise<StudyPlan> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.plans.createPlan(manager, user.id);
      await this.plans.lockPlan(manager, user.id);
      if (created) await this.plans.insertColumns(manager, user.id, this.defaultPlan());
      // Before the change, so what the user does now has the last word over an older mock.
      await this.completions.applyCompletedMocks(manager, user.id);
      await work(manager);
      return this.view(manager, user.id);
    });
  }

  /** The plan a new board starts from: the library's prompts by phase, under its curated topics. */
  private defaultPlan(): PlannedStudyColumn[] {
    return defaultStudyPlan(this.prompts.all(), this.prompts.topics());
  }

  private async view(manager: EntityManager, userId: string): Promise<StudyPlan> {
    const columns = await this.plans.board(manager, userId);
    const onBoard = new Set(columns.flatMap((column) => column.cards.map((card) => card.promptId)));
    const newPromptCount = this.prompts.all().filter((prompt) => !onBoard.has(prompt.id)).length;
    return { columns, newPromptCount };
  }

  private async requireColumn(manager: EntityManager, userId: string, columnId: string): Promise<void> {
    if (!isUuid(columnId) || !(await this.plans.hasColumn(manager, userId, columnId))) {
      throw notFound('No such column on your study plan');
    }
  }

  private async requireCard(manager: EntityManager, userId: string, cardId: string) {
    const card = isUuid(cardId) ? await this.plans.card(manager, userId, cardId) : null;
    if (!card) throw notFound('No such card on your study plan');
    return card;
  }

  private async requireRoomForCards(manager: EntityManager, userId: string, adding: number): Promise<void> {
    if ((await this.plans.cardCount(manager, userId)) + adding > STUDY_PLAN_LIMITS.cards) {
      throw tooLarge(`A plan holds at most ${STUDY_PLAN_LIMITS.cards} cards; delete some first.`);
    }
  }
}

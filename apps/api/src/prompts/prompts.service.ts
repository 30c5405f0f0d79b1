import { Inject, Injectable } from '@nestjs/common';
import type {
  PromptDetail,
  PromptListQuery,
  PromptListResponse,
  PromptTopic,
  Rubric,
} from '@mockboard/contracts';
import { allTags, filterPrompts, toPromptDetail, toPromptSummary, type Prompt } from '@mockboard/prompts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, invalid, notFound } from '../common/domain-error';
import { PractisedPromptsRepository } from './practised-prompts.repository';
import { PROMPT_LIBRARY } from './prompt-library.token';
import type { PromptLibrary } from './prompt-library.loader';

@Injectable()
export class PromptsService {
  private readonly byId: Map<string, Prompt>;

  constructor(
    @Inject(PROMPT_LIBRARY) private readonly library: PromptLibrary,
    private readonly practised: PractisedPromptsRepository,
  ) {
    this.byId = new Map(library.prompts.map((prompt) => [prompt.id, prompt]));
  }

  /** The library filtered by the query; filtering by what was practised needs a signed-in viewer. */
  async list(query: PromptListQuery, viewer: AuthUser | undefined): Promise<PromptListResponse> {
    let practisedIds: Set<string> | undefined;
    if (query.practised) {
      if (!viewer) {
        throw new DomainError('unauthenticated', 'Sign in to filter prompts by what you have practised');
      }
      practisedIds = await this.practised.practisedPromptIds(viewer.id);
    }
    const { topics } = this.library;
    if (query.topic !== undefined && !topics.some((topic) => topic.id === query.topic)) {
      const message = `is not a topic; topics are ${topics.map((topic) => topic.id).join(', ')}`;
      throw invalid(`topic ${message}`, { fields: [{ field: 'topic', message }] });
    }
    return {
      prompts: filterPrompts(this.library.prompts, query, practisedIds, topics).map(toPromptSummary),
      tags: allTags(this.library.prompts),
      topics: topics.map(({ id, title }) => ({ id, title })),
    };
  }

  /** Admins read the interviewer's guide; everyone else gets the candidate's view. */
  detail(id: string, viewer: AuthUser | undefined): PromptDetail {
    const prompt = this.byId.get(id);
    if (!prompt) throw notFound(`No prompt with id "${id}"`);
    return toPromptDetail(prompt, viewer?.role === 'admin' ? 'interviewer' : 'candidate');
  }

  all(): readonly Prompt[] {
    return this.library.prompts;
  }

  /** The curated topics of prompts/topics.yaml, in the file's order. */
  topics(): readonly PromptTopic[] {
    return this.library.topics;
  }

  get(id: string): Prompt | undefined {
    return this.byId.get(id);
  }

  rubric(): Rubric {
    return this.library.rubric;
  }
}

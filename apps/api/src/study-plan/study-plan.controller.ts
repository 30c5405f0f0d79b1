import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CreateStudyCardRequestSchema,
  CreateStudyColumnRequestSchema,
  MoveStudyCardRequestSchema,
  MoveStudyColumnRequestSchema,
  UpdateStudyCardRequestSchema,
  UpdateStudyColumnRequestSchema,
  type CreateStudyCard,
  type CreateStudyColumnRequest,
  type MoveStudyCardRequest,
  type MoveStudyColumnRequest,
  type StudyPlan,
  type UpdateStudyCardRequest,
  type UpdateStudyColumnRequest,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { StudyPlanService } from './study-plan.service';

/** Your study plan board (issue 17). Every write answers with the whole board. */
@ApiTags('study plan')
@Controller('study-plan')
export class StudyPlanController {
  constructor(private readonly studyPlan: StudyPlanService) {}

  @Get()
  @ApiOperation({
    summary:
      'Your study plan: written from the prompt library at the first visit, then yours; prompt cards ' +
      'of mocks you completed are marked done',
  })
  plan(@CurrentUser() user: AuthUser): Promise<StudyPlan> {
    return this.studyPlan.plan(user);
  }

  @Get('export.md')
  @ApiProduces('text/markdown')
  @ApiOperation({
    summary: 'Download your study plan as Markdown (columns as sections, cards as a task list)',
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const file = await this.studyPlan.exportMarkdown(user);
    // Set once the file exists, so an error's JSON body is not labelled as a Markdown download.
    response
      .type('text/markdown; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
      .setHeader('Cache-Control', 'private, no-cache');
    return file.markdown;
  }

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace your board with the default plan (your cards, notes and links go)' })
  reset(@CurrentUser() user: AuthUser): Promise<StudyPlan> {
    return this.studyPlan.reset(user);
  }

  @Post('new-prompts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a card for each library prompt your board does not have yet, in its phase' })
  addNewPrompts(@CurrentUser() user: AuthUser): Promise<StudyPlan> {
    return this.studyPlan.addNewPrompts(user);
  }

  @Post('columns')
  @ApiOperation({ summary: 'Add a column at the end' })
  addColumn(
    @CurrentUser() user: AuthUser,
    @ValidBody(CreateStudyColumnRequestSchema) body: CreateStudyColumnRequest,
  ): Promise<StudyPlan> {
    return this.studyPlan.addColumn(user, body);
  }

  @Patch('columns/:id')
  @ApiOperation({ summary: 'Rename a column' })
  renameColumn(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(UpdateStudyColumnRequestSchema) body: UpdateStudyColumnRequest,
  ): Promise<StudyPlan> {
    return this.studyPlan.renameColumn(user, id, body);
  }

  @Post('columns/:id/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a column to a place among the columns (0 is first)' })
  moveColumn(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(MoveStudyColumnRequestSchema) body: MoveStudyColumnRequest,
  ): Promise<StudyPlan> {
    return this.studyPlan.moveColumn(user, id, body);
  }

  @Delete('columns/:id')
  @ApiOperation({ summary: 'Delete a column and its cards' })
  deleteColumn(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<StudyPlan> {
    return this.studyPlan.deleteColumn(user, id);
  }

  @Post('cards')
  @ApiOperation({ summary: 'Add a card at the end of a column (a prompt card names its prompt)' })
  addCard(
    @CurrentUser() user: AuthUser,
    @ValidBody(CreateStudyCardRequestSchema) body: CreateStudyCard,
  ): Promise<StudyPlan> {
    return this.studyPlan.addCard(user, body);
  }

  @Patch('cards/:id')
  @ApiOperation({ summary: "Change a card's title, status, notes or links" })
  updateCard(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(UpdateStudyCardRequestSchema) body: UpdateStudyCardRequest,
  ): Promise<StudyPlan> {
    return this.studyPlan.updateCard(user, id, body);
  }

  @Post('cards/:id/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a card to a place in a column, its own or another (0 is the top)' })
  moveCard(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidBody(MoveStudyCardRequestSchema) body: MoveStudyCardRequest,
  ): Promise<StudyPlan> {
    return this.studyPlan.moveCard(user, id, body);
  }

  @Delete('cards/:id')
  @ApiOperation({ summary: 'Delete a card' })
  deleteCard(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<StudyPlan> {
    return this.studyPlan.deleteCard(user, id);
  }
}

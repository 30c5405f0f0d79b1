import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  WhiteboardQuerySchema,
  type CaseStudy,
  type ShareLinkResponse,
  type WhiteboardQuery,
} from '@mockboard/contracts';
import { CurrentUser, Public } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidQuery } from '../common/validated.decorators';
import { PortfolioService, type CaseStudyFile } from './portfolio.service';

/**
 * The SVG is our own markup from untrusted element data; served from our origin it must never run
 * anything, so it gets a policy that forbids every resource and allows only its inline styles
 * and the fonts it carries inline (data: URLs, which cannot reach anywhere).
 */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:";

// Headers are set only once the document exists: set up front (as @Header does), they would also
// label a 404's JSON body as SVG or Markdown.
function svg(response: Response, document: string, cache: string): string {
  response
    .type('image/svg+xml')
    .setHeader('Content-Security-Policy', SVG_POLICY)
    .setHeader('Cache-Control', cache);
  return document;
}

function download(response: Response, file: CaseStudyFile, cache: string): string {
  response
    .type('text/markdown; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .setHeader('Cache-Control', cache);
  return file.markdown;
}

@ApiTags('portfolio')
@Controller('sessions/:id')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('whiteboard.svg')
  @ApiProduces('image/svg+xml')
  @ApiOperation({
    summary:
      "A round's whiteboard (`?round=1` or `2`; default: the final one, the last round drawn on) as a " +
      'standalone SVG (participants and admins)',
  })
  async whiteboard(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @ValidQuery(WhiteboardQuerySchema) query: WhiteboardQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return svg(response, await this.portfolio.whiteboardSvg(user, id, query.round), 'private, no-cache');
  }

  @Get('case-study.md')
  @ApiProduces('text/markdown')
  @ApiOperation({
    summary: 'Download your case study: prompts, final whiteboard, your notes and the feedback you may read',
  })
  async caseStudy(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return download(response, await this.portfolio.caseStudyFile(user, id), 'private, no-cache');
  }

  @Get('share')
  @ApiOperation({ summary: 'Your public link for this session, or null when you have not shared it' })
  shareLink(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ShareLinkResponse> {
    return this.portfolio.shareLink(user, id);
  }

  @Post('share')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish your view of the session at a read-only link (the same link until revoked)',
  })
  share(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ShareLinkResponse> {
    return this.portfolio.share(user, id);
  }

  @Delete('share')
  @ApiOperation({ summary: 'Revoke your public link; it stops working at once' })
  unshare(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ShareLinkResponse> {
    return this.portfolio.unshare(user, id);
  }
}

/** The public side of share links: no sign-in, and a revoked or unknown token is a plain 404. */
@ApiTags('portfolio')
@Controller('shared/:token')
@Public()
export class SharedCaseStudyController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get()
  @ApiOperation({ summary: 'A case study its owner chose to share (public, read-only)' })
  caseStudy(@Param('token') token: string): Promise<CaseStudy> {
    return this.portfolio.shared(token);
  }

  @Get('case-study.md')
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: 'A shared case study as Markdown (public)' })
  async markdown(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return download(response, await this.portfolio.sharedFile(token), 'no-cache');
  }

  @Get('whiteboard.svg')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "A shared case study's whiteboard as SVG, one round's with `?round=N` (public)" })
  async whiteboard(
    @Param('token') token: string,
    @ValidQuery(WhiteboardQuerySchema) query: WhiteboardQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    return svg(response, await this.portfolio.sharedSvg(token, query.round), 'no-cache');
  }
}

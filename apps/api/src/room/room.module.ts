import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PromptsModule } from '../prompts/prompts.module';
import { REMOTE_BROADCAST_HOOK } from '../realtime/remote-broadcasts';
import { SessionsModule } from '../sessions/sessions.module';
import { HintsGateway } from './hints/hints.gateway';
import { HintsService } from './hints/hints.service';
import { RevealedHintsModule } from './hints/revealed-hints.module';
import { JoinBarrier } from './join-barrier';
import { PointerShedding } from './pointer-shedding';
import { PromptChosenRelay } from './prompt-chosen-relay';
import { RemoteSceneRelay } from './remote-scene-relay';
import { ReplayController } from './replay.controller';
import { ReplayRepository } from './replay.repository';
import { ReplayService } from './replay.service';
import { SceneFilesController } from './scene-files.controller';
import { SceneFilesRepository } from './scene-files.repository';
import { SceneFilesService } from './scene-files.service';
import { RoomCommandsService } from './room-commands.service';
import { RoomJoinService } from './room-join.service';
import { RoomPresence } from './room-presence';
import { RoomStateRepository } from './room-state.repository';
import { RoomGateway } from './room.gateway';
import { RoomService } from './room.service';
import { SceneRepository } from './scene.repository';
import { SceneRelay } from './scene-relay';
import { SceneRestorer } from './scene-restore';
import { SceneWriter } from './scene-writer';
import { SceneBackpressure } from './scene-backpressure';

@Module({
  imports: [SessionsModule, PromptsModule, RevealedHintsModule, CalendarModule],
  controllers: [ReplayController, SceneFilesController],
  providers: [
    RoomGateway,
    RoomService,
    RoomCommandsService,
    RoomJoinService,
    RoomPresence,
    SceneRestorer,
    SceneRelay,
    RemoteSceneRelay,
    { provide: REMOTE_BROADCAST_HOOK, useExisting: RemoteSceneRelay },
    RoomStateRepository,
    SceneRepository,
    SceneWriter,
    SceneBackpressure,
    JoinBarrier,
    PointerShedding,
    ReplayService,
    ReplayRepository,
    SceneFilesService,
    SceneFilesRepository,
    HintsGateway,
    HintsService,
    PromptChosenRelay,
  ],
})
export class RoomModule {}

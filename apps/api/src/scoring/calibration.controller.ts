import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdminCalibrationResponse } from '@mockboard/contracts';
import { Roles } from '../auth/access.decorators';
import { CalibrationService } from './calibration.service';

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class CalibrationController {
  constructor(private readonly calibration: CalibrationService) {}

  @Get('calibration')
  @ApiOperation({
    summary:
      'Per prompt and rubric dimension: sessions scored and average scores from submitted interviewer ' +
      "scorecards, with candidates' ratings of interviewers as averages (admins only)",
  })
  get(): Promise<AdminCalibrationResponse> {
    return this.calibration.calibration();
  }
}

import { expect, test } from './fixtures';
import { PlaygroundPage } from './playground-page';

test.describe('links and presets', () => {
  test('a shared link restores every control, and the hash follows every change', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page);
    await app.open(
      '/?backend=webgpu#d=moons&n=300&nz=0.3&t=16/0.1,8tanh&s=3&te=2&se=3&bs=16&lr=0.003&T=7.5&a=0.25&lf=0.5&x=0&seed=9&r=2',
    );
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('moons');
    await expect(page.getByRole('spinbutton', { name: 'Samples' })).toHaveValue('300');
    await expect(app.slider('Noise')).toHaveValue('0.3');
    await expect(app.network('Teacher')).toHaveAccessibleDescription(/^2 → 16 → 8 tanh → 2: /);
    await expect(app.layerField('Teacher', 1, 'dropout')).toHaveValue('0.1');
    await expect(page.getByRole('combobox', { name: 'Teacher layer 2 activation' })).toHaveValue(
      'tanh',
    );
    await expect(app.network('Student')).toHaveAccessibleDescription(/^2 → 3 → 2: /);
    await expect(page.getByRole('spinbutton', { name: 'Teacher epochs' })).toHaveValue('2');
    await expect(page.getByRole('spinbutton', { name: 'Student epochs' })).toHaveValue('3');
    await expect(page.getByRole('spinbutton', { name: 'Batch size' })).toHaveValue('16');
    await expect(page.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue('0.003');
    await expect(app.slider('Temperature')).toHaveAttribute('aria-valuetext', 'T = 7.5');
    await expect(app.slider('Alpha')).toHaveAttribute('aria-valuetext', 'α = 0.25');
    await expect(app.slider('Labeled fraction')).toHaveValue('50');
    await expect(page.getByRole('checkbox', { name: 'Transfer set' })).not.toBeChecked();
    await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('9');
    await expect(page.getByRole('spinbutton', { name: 'Repeats' })).toHaveValue('2');
    await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('custom');
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.getByRole('spinbutton', { name: 'Seed' }).fill('10');
    await expect(page).toHaveURL(/&seed=10&r=2$/);

    // A preset replaces the whole configuration, and the link with it.
    await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Tiny student' });
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('spiral');
    await expect(app.layerField('Student', 1, 'units')).toHaveValue('2');
    await expect(page).toHaveURL(/#d=spiral&.*&s=2&/);
  });

  test('a malformed or hostile link falls back field by field with a notice', async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open('/?backend=webgpu#d=spiral&T=99&a=0.5&te=abc&t=1,%3Cimg%3E&zzz=1&seed=77');
    const notice = page.getByRole('alert').filter({ hasText: 'Some settings in the link' });
    await expect(notice).toContainText('Unknown setting "zzz" ignored.');
    await expect(notice).toContainText('T=99 ignored (Must be between 1 and 20).');
    await expect(notice).toContainText('te=abc ignored (not a number).');
    await expect(notice).toContainText('t=1,<img> ignored');
    // What was valid still applied; what was not kept its default.
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('spiral');
    await expect(app.slider('Alpha')).toHaveAttribute('aria-valuetext', 'α = 0.50');
    await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('77');
    await expect(app.slider('Temperature')).toHaveAttribute('aria-valuetext', 'T = 4');
    await expect(app.network('Teacher')).toHaveAccessibleDescription(/^2 → 32 → 32 → 3: /);
    await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
    await app.screenshot('hostile-link');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);

    // Pure garbage: defaults, and the page still works.
    await app.open('/?backend=webgpu#%E0%A4%A&&=&%%%<script>');
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
    await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('few-labels');
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Legend } from '../../../components/Legend';

afterEach(cleanup);

describe('Legend', () => {
  it('names the tint of each type on the page and the look of the reader\'s notes', () => {
    render(<Legend types={['organization', 'person']} />);
    const list = screen.getByRole('list', { name: 'Highlight colours' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Aa Organizations', 'Aa People', 'Aa Your notes']);
    const sample = (type: string) => list.querySelector<HTMLElement>(`[data-type="${type}"] .legend-sample`)!;
    // a tint of the type's colour (the one palette), a solid note fill with dark ink
    expect(sample('organization').style.borderBottom).toContain('rgb(37, 99, 235)');
    expect(sample('note').style.background).toBe('rgb(250, 204, 21)');
    expect(sample('note').style.color).toBe('rgb(17, 17, 17)');
  });

  it('is not shown for a page without entities', () => {
    const { container } = render(<Legend types={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
